"""The learned pair scorer: its model (model.py), training data (data.py), training and
leave-one-brief-out judging (build.py), and where it meets the rules (combine.py). See docs/LEARNING.md."""
