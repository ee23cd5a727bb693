"""Helpers shared by the test suites: a real `mkpy server` process and the real kubectl."""
