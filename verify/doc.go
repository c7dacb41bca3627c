// Package verify says whether a claimed quote was said, by whom, and what was really said.
package verify
