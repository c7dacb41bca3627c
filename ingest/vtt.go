package ingest

import "errors"

// parseVTT is not written yet.
func parseVTT(text string) (*Document, error) { return nil, errors.New("vtt transcripts are not supported yet") }
