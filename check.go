package quarry

import "fmt"

// CheckOffsets verifies that every span in d indexes text: start <= end,
// within the text, and text[start:end] equals the record's text. It returns
// the first violation.
func (d *Document) CheckOffsets(text string) error {
	check := func(what string, start, end int, s string) error {
		if start < 0 || end < start || end > len(text) {
			return fmt.Errorf("%s: span [%d,%d) outside text of %d bytes", what, start, end, len(text))
		}
		if s != "" && text[start:end] != s {
			return fmt.Errorf("%s: text[%d:%d] = %q, record says %q", what, start, end, text[start:end], s)
		}
		return nil
	}
	for _, e := range d.Entities {
		for _, m := range e.Mentions {
			if err := check("entity "+e.ID, m.Start, m.End, m.Text); err != nil {
				return err
			}
		}
	}
	for _, f := range d.Figures {
		if err := check("figure "+f.ID, f.Start, f.End, f.Text); err != nil {
			return err
		}
	}
	for _, q := range d.Quotes {
		if err := check("quote "+q.ID, q.Start, q.End, q.Text); err != nil {
			return err
		}
		if q.Speaker != nil && q.Speaker.Text != "" {
			if err := check("speaker of "+q.ID, q.Speaker.Start, q.Speaker.End, q.Speaker.Text); err != nil {
				return err
			}
		}
		if q.Cue != nil {
			if err := check("cue of "+q.ID, q.Cue.Start, q.Cue.End, q.Cue.Text); err != nil {
				return err
			}
		}
	}
	for _, c := range d.Claims {
		if err := check("claim "+c.ID, c.Start, c.End, c.Text); err != nil {
			return err
		}
		if c.Subject != nil {
			if err := check("subject of "+c.ID, c.Subject.Start, c.Subject.End, c.Subject.Text); err != nil {
				return err
			}
		}
	}
	for i, s := range d.Sentences {
		if err := check(fmt.Sprintf("sentence %d", i), s.Start, s.End, ""); err != nil {
			return err
		}
	}
	return nil
}
