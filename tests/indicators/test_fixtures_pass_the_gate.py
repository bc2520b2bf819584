"""The hand-made fixtures are extracts an agency could send: each passes the GX gate."""

from roma_monitor.validate.gate import validate_source_file


def test_every_fixture_extract_passes_the_gate(fixture_files):
    assert fixture_files
    for source, path in fixture_files:
        report = validate_source_file(path, source)
        assert report.passed, report.to_markdown()
