package data

import "bytes"

// duplicateKeys finds every key that appears twice in one JSON object of
// b (which must be valid JSON), by the feature it is in (0 outside the
// features array). JSON readers disagree on which of two values counts, so
// kepu takes neither.
func duplicateKeys(b []byte) map[int][]string {
	type frame struct {
		object, wantKey, features bool
		keys                      [][]byte
		count                     int
	}
	var stack []frame
	var out map[int][]string
	feature := func() int {
		if len(stack) > 1 && stack[1].features {
			return stack[1].count + 1
		}
		return 0
	}
	var lastKey []byte
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			j := i + 1
			for j < len(b) && b[j] != '"' {
				if b[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(b) {
				return out
			}
			s := b[i+1 : j]
			i = j
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].wantKey {
				top := &stack[n-1]
				top.wantKey = false
				for _, k := range top.keys {
					if bytes.Equal(k, s) {
						if out == nil {
							out = map[int][]string{}
						}
						f := feature()
						out[f] = append(out[f], string(s))
					}
				}
				top.keys = append(top.keys, s)
				lastKey = s
			}
		case '{', '[':
			fr := frame{object: b[i] == '{', wantKey: b[i] == '{'}
			fr.features = b[i] == '[' && len(stack) == 1 && string(lastKey) == "features"
			if len(stack) < cap(stack) {
				fr.keys = stack[:len(stack)+1][len(stack)].keys[:0]
			}
			stack = append(stack, fr)
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 {
				if stack[n-1].object {
					stack[n-1].wantKey = true
				} else {
					stack[n-1].count++
				}
			}
		}
	}
	return out
}
