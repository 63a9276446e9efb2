"""Pausing the cycle collector restores it as it was, even when the paused work fails."""
from __future__ import annotations

import gc

import pytest

from briefgraph.cycles import paused_cycle_collection


def test_collection_is_paused_inside_and_restored_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with paused_cycle_collection():
            assert not gc.isenabled()
            raise ValueError("work failed")
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with paused_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_freezing_after_the_pause_leaves_what_was_built_out_of_the_collectors_reach():
    before = gc.get_freeze_count()
    try:
        with paused_cycle_collection(freeze_after=True):
            built = [[i] for i in range(1000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(built)
    finally:
        gc.unfreeze()
