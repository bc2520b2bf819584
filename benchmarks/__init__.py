"""The performance benchmark (issue 6): national-scale extracts, the pipeline's stages, and the
two reference methods the pipeline is compared with (docs/benchmarks/)."""
