package ingest

import "errors"

// parseHTML is not written yet.
func parseHTML(text string) (page, error) { return page{}, errors.New("html transcripts are not supported yet") }
