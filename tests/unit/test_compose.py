"""docker-compose.yml and the Dockerfile agree with the code (Docker cannot run here)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from streams.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_services_present(compose):
    assert {"kafka", "topics", "worker", "prometheus", "grafana"} <= set(compose["services"])
    assert compose["services"]["kafka"]["image"].startswith("apache/kafka:")


def test_worker_environment_is_valid_configuration(compose):
    for name in ("topics", "worker"):
        env = {k: str(v) for k, v in compose["services"][name]["environment"].items()}
        settings = load_settings(env)  # raises on an unknown or malformed STREAMS_* variable
        assert settings.bootstrap_servers == ["kafka:9092"]


def test_worker_scales_and_is_scraped_on_the_metrics_port(compose):
    worker = compose["services"]["worker"]
    assert "container_name" not in worker and "ports" not in worker, "a fixed name or host port blocks --scale"
    port = int(worker["environment"].get("STREAMS_METRICS_PORT", Settings.model_fields["metrics_port"].default))
    assert str(port) in [str(p) for p in worker.get("expose", [])]
    prom = yaml.safe_load((ROOT / "ops/prometheus/prometheus.yml").read_text(encoding="utf-8"))
    job = next(j for j in prom["scrape_configs"] if j["job_name"] == "streams")
    assert job["dns_sd_configs"][0]["port"] == port and job["dns_sd_configs"][0]["names"] == ["worker"]
    for rule_file in prom["rule_files"]:
        assert (ROOT / "ops/prometheus" / rule_file).exists()


def test_kafka_listener_matches_broker_url(compose):
    env = compose["services"]["kafka"]["environment"]
    assert "PLAINTEXT://kafka:9092" in env["KAFKA_ADVERTISED_LISTENERS"]


def test_dockerfile_runs_the_worker_on_the_default_port():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    default_port = Settings.model_fields["metrics_port"].default
    assert re.search(rf"^EXPOSE {default_port}$", text, re.M)
    assert 'ENTRYPOINT ["streams"]' in text and 'CMD ["worker"]' in text


def test_grafana_dashboard_uses_metrics_the_worker_exports():
    import json

    from streams.ops import metrics

    dashboard = json.loads((ROOT / "ops/grafana/dashboards/streams.json").read_text(encoding="utf-8"))
    exprs = re.findall(r'"expr":\s*"([^"]+)"', json.dumps(dashboard))
    used = {m for e in exprs for m in re.findall(r"\b(streams_[a-z_]+?)(?:_bucket|_total|_count|_sum)?\b", e)}
    exported_names = {f.name.removesuffix("_total") for f in metrics.REGISTRY.collect()}
    missing = sorted(u for u in used if u not in exported_names)
    assert not missing, f"dashboard queries metrics the worker does not export: {missing}"


@pytest.mark.skipif(shutil.which("docker") is None, reason="docker client not installed")
def test_compose_config_parses_when_the_plugin_exists():
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("the docker compose plugin is not installed (only the YAML checks above ran)")
    result = subprocess.run(["docker", "compose", "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
