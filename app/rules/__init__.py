"""The checks: a rule engine (engine.py) and one module per rule family, each registering its rule types.

Rules themselves are data, in the format files (resources/formats/*.json); a family module knows how to evaluate one
kind of rule. Import the public API from here: importing the package registers every family.
"""

from app.rules import (  # noqa: F401 - each registers its rule types
    breakdowns,
    crossyear,
    source,
    tables,
    text,
    text_fields,
    text_numbers,
    wording,
)
from app.rules.engine import (
    RULE_TYPES,
    SEVERITY_LABELS,
    SEVERITY_ORDER,
    Checker,
    Finding,
    Passed,
    Trace,
    active,
    apply_dismissals,
    check,
    check_traced,
    compiled_rules,
    dismissal_key,
    finding,
    fmt_number,
    register_rule_type,
    sum_cells,
    summary,
)

__all__ = ["RULE_TYPES", "SEVERITY_LABELS", "SEVERITY_ORDER", "Checker", "Finding", "Passed", "Trace", "active",
           "apply_dismissals", "check", "check_traced", "compiled_rules", "dismissal_key", "finding", "fmt_number", "register_rule_type", "sum_cells",
           "summary"]
