"""The pipeline (the top layer, not named build: tools take build/ for output): which reports a data folder calls for, the
driver and its papermill engine, the site and the benchmark."""
