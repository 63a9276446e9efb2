"""The analysis of the reviewed graph: camps, frustrated ties, cross-pressure, commitments, centrality."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from .common import page, view, workbench

router = APIRouter()


@router.get("/api/analysis", tags=["analysis"], summary="Balance, cross-pressure, commitments, centrality")
def api_analysis(request: Request) -> dict[str, Any]:
    return workbench(request).analysis()


@router.get("/analysis", include_in_schema=False)
def analysis_page(request: Request):
    v = view(request)
    findings = workbench(request).analysis()
    camps = [sorted((v.actors[i].name if i in v.actors else i, i) for i in ids) for ids in findings["balance"]["camp_ids"]]
    return page(request, "analysis.html", title="Analysis", findings=findings, camps=camps)
