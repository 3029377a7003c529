"""Tests of the web server: the REST API and the UI."""
