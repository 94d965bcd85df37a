"""The build (the top layer): which reports a data folder calls for, the driver and its papermill engine, the site
and the benchmark."""
