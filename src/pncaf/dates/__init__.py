"""What a convention's dates mean: term and status, duties, agenda."""
