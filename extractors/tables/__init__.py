"""Tables of a report: from tab-separated text or from PDF page geometry, typed into `pipeline.models.Table`."""
