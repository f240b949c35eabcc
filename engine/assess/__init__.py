"""Request in, Assessment out: case facts, evaluation, interpretation, deadlines."""
