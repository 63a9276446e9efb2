"""Lists of actors and relations are written as JSON one item at a time, exactly as one dump would write them."""
from __future__ import annotations

import json

from briefgraph.cli.store import _echo_json, _echo_json_list

ITEMS = [{"source": "Ağrı Front", "evidence": [{"text": "a line\nand \"quotes\"\u2028", "start": 0}], "cues": [],
          "modality": {"status": "reported", "probability": None, "cues": ["reportedly"]}, "sign": -1},
         {"empty": {}, "nested": [[1, 2.5], [True, False]]}]


def _written(capsys, write, data) -> str:
    write(data)
    return capsys.readouterr().out


def test_item_by_item_json_equals_one_dump(capsys):
    for data in (ITEMS, ITEMS[:1], []):
        streamed = _written(capsys, _echo_json_list, iter(data))
        assert streamed == _written(capsys, _echo_json, list(data))
        assert json.loads(streamed) == data
