"""The scalars a run logged (mmengine's ``vis_data/scalars.json``)."""
from typing import Dict, List, Sequence

#: Bookkeeping entries of every record, not curves.
NOT_CURVES = ('epoch', 'iter', 'step', 'data_time', 'time', 'memory')


def logged_keys(records: List[dict]) -> List[str]:
    """Scalars a run logged, in order of first appearance."""
    keys = dict.fromkeys(k for r in records for k in r)
    return [k for k in keys if k not in NOT_CURVES]


def check_keys(logs: Dict[str, List[dict]], keys: Sequence[str]) -> None:
    """Refuse a key some run did not log, listing the keys it has (a curve
    missing from a figure would otherwise pass unnoticed)."""
    for label, records in logs.items():
        have = logged_keys(records)
        missing = [k for k in keys if k not in have]
        if missing:
            raise ValueError(f'{label} logged no {missing}; it has: '
                             f'{", ".join(have)}')
