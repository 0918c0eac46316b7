"""The pipeline's stages. Each is a small class whose `run(records)` takes and yields Records."""
