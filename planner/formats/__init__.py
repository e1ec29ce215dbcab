"""Display formats (FORMAT_MODULE_PATH): one unambiguous date style on every page."""
