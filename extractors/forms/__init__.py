"""Performance self-assessment forms (绩效自评表) read into assessments and indicators, with their checks."""
