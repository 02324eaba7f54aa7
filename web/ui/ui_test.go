package ui

import (
	"io/fs"
	"testing"
)

func TestFSServesTheApp(t *testing.T) {
	for _, name := range []string{"index.html", "app.js", "app.css", "i18n.js", "api.js", "map.js", "panel.js", "plan.js", "planview.js"} {
		t.Run(name, func(t *testing.T) {
			b, err := fs.ReadFile(FS(), name)
			if err != nil {
				t.Fatalf("ReadFile(%q): got error %v, want the file", name, err)
			}
			if len(b) == 0 {
				t.Errorf("ReadFile(%q): got 0 bytes, want content", name)
			}
		})
	}
}

func TestBuiltMatchesMapLibrary(t *testing.T) {
	_, err := fs.Stat(FS(), mapLibrary)
	if got, want := err == nil, Built(); got != want {
		t.Errorf("%s in FS: got %v, want %v (Built)", mapLibrary, got, want)
	}
	if !Built() {
		t.Log("web map not built (run web/ui/build.sh); FS serves src/")
	}
}
