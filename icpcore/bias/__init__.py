"""The bias check (CONTRACT section 5): disqualifiers screened against sensitive attributes.

- `counts`: the one grouped scan of the accounts that every number comes from;
- `groups`: attribute values (or quartiles) into groups per disqualifier scope;
- `stats`, `fisher`: Benjamini-Hochberg, Cramer's V, Mantel-Haenszel, Fisher's exact test on counts;
- `report`: findings as the command line prints them; `summary`, `wording`: the matrix and its words;
- `actions`: pause, resume, record a verified business reason (each a new ICP version).
"""

from icpcore.bias.report import FINDING_KEYS, bias_csv, bias_findings, bias_report

__all__ = ["FINDING_KEYS", "bias_csv", "bias_findings", "bias_report"]
