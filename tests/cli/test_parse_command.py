"""What `policygraph parse` shows a person at a 100-column terminal."""

from __future__ import annotations

from click.testing import CliRunner

from policygraph.graph.cli.main import cli
from policygraph.graph.cli.output import display_width


def test_plan_heading_fits_the_terminal_and_errors_are_listed_once(tmp_path, samples_dir):
    (tmp_path / "a_bad.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "b_good.txt").write_bytes((samples_dir / "jiangcheng_2024_work_points.txt").read_bytes())
    result = CliRunner(env={"COLUMNS": "100"}).invoke(cli, ["parse", str(tmp_path)])
    assert result.exit_code == 1
    # was one line (path: title · jurisdiction · period · counts) that wrapped at 100 columns
    heading = result.stdout.splitlines()[:3]
    assert heading[0] == f"{tmp_path / 'b_good.txt'} · 7 tasks, 9 units"
    assert heading[1].strip() == "江城市2024年全民科学素质工作要点" and heading[2].strip().startswith(
        "江城市 (city)"
    )
    assert all(display_width(line) <= 100 for line in result.stdout.splitlines())
    # a bad file was reported twice: as it came and again in the closing list
    assert result.stderr.count("a_bad.txt") == 1
