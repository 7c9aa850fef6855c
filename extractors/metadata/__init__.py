"""Report metadata read from the document itself: title, issuer, years, report type, region and level."""
