"""Property-based testing of the whole OpenAPI document against a live server: valid and invalid
inputs; never a 5xx, and every response (status, content type, body) matches the schema."""
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]



def _spec() -> dict:
    """The same document the server serves at /openapi.json (test_endpoints checks that it is served)."""
    from api.main import create_app
    from api.settings import Settings

    return create_app(Settings.from_env({"COMITY_DATA_DIR": "/nonexistent"})).openapi()


schema = schemathesis.openapi.from_dict(_spec())
schema.config.generation.update(max_examples=15, deterministic=True)


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_errors_and_responses_match_the_schema(case, sqlite_api):
    case.call_and_validate(base_url=sqlite_api.url, headers={"Authorization": f"Bearer {sqlite_api.key('admin')}"}, checks=CHECKS,
                           timeout=60)
