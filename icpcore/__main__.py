import sys

from icpcore.cli import main

sys.exit(main())
