"""The HTML report: one self-contained file (script, styles and data inlined) that works offline."""
from __future__ import annotations

from .bounds import ReportLimits
from .html import render_report, write_report
from .plot import write_plot

__all__ = ["ReportLimits", "render_report", "write_report", "write_plot"]
