"""fewer_collections changes the collector's settings inside the block only."""

from __future__ import annotations

import gc

import pytest

from talktrack.pipeline.collector import YOUNGEST, fewer_collections


def test_settings_are_restored_and_nothing_stays_frozen() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == max(YOUNGEST, before[0])
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_settings_are_restored_when_the_block_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a batch failed")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_nested_and_overlapping_blocks_restore_the_settings_once_all_have_left() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        with fewer_collections():
            assert gc.get_threshold()[0] == max(YOUNGEST, before[0])
        assert gc.get_threshold()[0] == max(YOUNGEST, before[0])  # the outer block still runs
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
