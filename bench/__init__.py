"""`make bench`: see bench/harness.py for the plugin contract and README.md for reading it."""
