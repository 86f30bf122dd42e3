"""The bias check (CONTRACT section 5): disqualifiers screened against sensitive attributes.

- `counts`: the one grouped scan of the accounts that every number comes from;
- `groups`: attribute values (or quartiles) into groups per disqualifier scope;
- `stats`: Fisher, Benjamini-Hochberg, Cramer's V, Mantel-Haenszel, Wilson on those counts;
- `report`: findings as the command line prints them; `actions`: pause, resume, record a reason.
"""

from icpcore.bias.report import FINDING_KEYS, bias_csv, bias_findings, bias_report

__all__ = ["FINDING_KEYS", "bias_csv", "bias_findings", "bias_report"]
