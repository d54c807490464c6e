"""What the reference checks share: counting checks and reporting failures.

A check compares a value a tool printed with one computed independently
(NumPy, SciPy, statsmodels or by hand); every failure is printed at once and
kept for the summary.
"""
import math

REL_TOL = 1e-9


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def csv_cell_matches(cell, value):
    """Whether a CSV cell says what a JSON value says (null is empty, booleans
    are true/false, numbers compare as numbers)."""
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, (int, float)):
        try:
            return float(cell) == float(value)
        except (TypeError, ValueError):
            return False
    return cell == value


class Checker:
    def __init__(self):
        self.count = 0
        self.failures = []

    def check(self, ok, message):
        self.count += 1
        if not ok:
            self.failures.append(message)
            print(f"FAIL: {message}", flush=True)
        return ok

    def equal(self, what, actual, expected):
        """Equal in value and kind (1 is not True; 2 and 2.0 are alike)."""
        same_kind = (type(actual) is type(expected)
                     or (is_number(actual) and is_number(expected)))
        return self.check(actual == expected and same_kind,
                          f"{what}: expected {expected!r}, printed {actual!r}")

    def close(self, what, actual, expected, rel=REL_TOL, abs_tol=1e-12):
        ok = (is_number(actual) and math.isfinite(actual)
              and abs(actual - expected) <= rel * max(abs(actual), abs(expected)) + abs_tol)
        diff = f" (difference {actual - expected:.3g})" if is_number(actual) else ""
        return self.check(ok, f"{what}: expected {expected!r}, printed {actual!r}{diff}")
