"""What a run cost, for the summary a command prints: its time and its peak memory."""

from __future__ import annotations

import sys


def peak_memory_mib() -> int | None:
    """The largest resident memory of this process or of any worker process it has waited
    for, in MiB; None where the platform does not say (Windows).

    >>> peak_memory_mib() > 0
    True
    """
    try:
        import resource
    except ImportError:
        return None
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    return round(peak * unit / 2**20)


def cost(seconds: float) -> str:
    """``in 12.3 s, peak memory 433 MiB`` (without the memory where it is not known).

    >>> cost(0.04).startswith("in 0.0 s")
    True
    """
    peak = peak_memory_mib()
    return f"in {seconds:.1f} s" + (f", peak memory {peak} MiB" if peak is not None else "")
