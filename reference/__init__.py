"""Reference solutions, one module per topic; they run only in the grader's process."""
