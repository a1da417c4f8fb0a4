"""What follows from the loaded data: rendered post bodies, indexes, the plan month by month."""
