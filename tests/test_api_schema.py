"""Property-based requests from the OpenAPI spec: no 5xx, and responses match their schema."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from drafter.runtime import Runtime
from tests.api_server import running_api

EXAMPLES_PER_OPERATION = 10


def test_generated_requests_never_get_a_server_error(runtime: Runtime) -> None:
    with running_api(runtime) as api, api.client(api.key_a) as client:
        client.put(
            "/v1/knowledge/documents/returns", json={"title": "Returns", "text": "Returns within 30 days."}
        )
        schema = schemathesis.openapi.from_url(f"{api.base_url}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 15
        headers = {"Authorization": f"Bearer {api.key_a}"}
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck)
            )
            def check(case: schemathesis.Case) -> None:
                case.call_and_validate(
                    headers=headers, checks=[not_a_server_error, response_schema_conformance]
                )

            check()
