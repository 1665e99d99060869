"""Printing HTML reports to PDF from the command line (not a command itself).

The only door from the headless commands into `ui/` (Qt): imported lazily, after
choosing Qt's offscreen platform, so it works with no display and no QT_QPA_PLATFORM.
"""

from __future__ import annotations


def write_pdf(job: tuple[str, str, str]) -> str:
    """(html, path, title) -> path. Module-level so a process pool can run it."""
    html, path, title = job
    from simulator.errors import TemperError
    from simulator.headless import prefer_offscreen_qt

    prefer_offscreen_qt(always=True)
    try:
        from ui.export import html_to_pdf
    except ImportError as exc:  # Qt missing or broken here: say so, keep the other files
        raise TemperError(f"cannot print PDF reports here ({exc}); "
                          "leave out pdf with --formats json,junit,xapi,html") from None
    html_to_pdf(html, path, title)
    return path
