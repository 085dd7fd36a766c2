-- nothing to undo (wrong: the index stays)
SELECT 1;
