from roma_monitor.pipeline import find_new_extracts


def test_only_finished_extracts_are_picked_up(paths):
    landing = paths.landing_for("sif")
    landing.mkdir(parents=True)
    names = [
        "SIF_9144_202201.csv",
        "SIF_9144_202202.xlsx",
        "~$SIF_9144_202202.xlsx",  # Excel's lock file while the workbook is open
        ".SIF_9144_202203.csv",  # hidden
        "SIF_9144_202204.csv.partial",  # still uploading
    ]
    for name in names:
        (landing / name).write_text("x")
    found = [p.rsplit("/", 1)[-1] for p in find_new_extracts("sif", paths)]
    assert found == ["SIF_9144_202201.csv", "SIF_9144_202202.xlsx"]
