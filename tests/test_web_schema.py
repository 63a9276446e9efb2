"""Property tests of the API against its own OpenAPI schema (schemathesis, bounded examples):
no request the schema allows makes the server fail, and every answer matches the schema."""
import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from briefgraph.web import create_app
from web_client import make_store

TOKEN = "schema-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# The schema is read when the module loads, so the store it serves is made then; removed when the run ends
# (also when no test of this module was selected).
FOLDER = Path(tempfile.mkdtemp(prefix="briefgraph-schema-"))
atexit.register(shutil.rmtree, FOLDER, True)
APP = create_app(str(make_store(FOLDER)), token=TOKEN, catalogue=str(FOLDER / "actors.user.yaml"))
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP, headers=AUTH)


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_schema(case):
    # Whether an uploaded file is a readable brief depends on its bytes, which no schema can say.
    content_decides = [schemathesis.checks.positive_data_acceptance] if case.path == "/api/uploads" else []
    case.call_and_validate(headers=AUTH, excluded_checks=content_decides)
