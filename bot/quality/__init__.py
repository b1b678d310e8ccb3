"""Measuring the engine: answer quality on labelled sets (`eval`) and speed (`bench`)."""
