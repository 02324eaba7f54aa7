package data

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// format is what an input file holds, told by its content.
type format int

const (
	formatCSV format = iota
	formatGeoJSON
	formatXLSX
	formatXLS
)

const bom = "\xef\xbb\xbf"

// sniff tells GeoJSON, a workbook and CSV apart by the first bytes.
func sniff(br *bufio.Reader) format {
	head, _ := br.Peek(512)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte(bom)), " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return formatXLSX
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return formatXLS
	case len(head) > 0 && (head[0] == '{' || head[0] == '['):
		return formatGeoJSON
	}
	return formatCSV
}

// table is a spreadsheet read row by row: a CSV file or one sheet of a
// workbook. Rows are numbered as a person sees them, the header being row 1.
type table struct {
	header []string
	// next returns the next row's cells, io.EOF at the end.
	next func() ([]string, error)
	// row is the spreadsheet row number of the row next returned last.
	row int
	// text turns a cell's bytes into text, reporting false for bytes that
	// are neither UTF-8 nor GB18030.
	text func(string) (string, bool)
	// workbook reports whether cells hold workbook values (dates as day numbers).
	workbook bool
	// decimalComma reads 111,6 as 111.6 (files separated by semicolons).
	decimalComma bool
	// close releases what the table holds (a workbook's temporary files).
	close func()
}

// Close releases what the table holds.
func (t *table) Close() {
	if t.close != nil {
		t.close()
	}
}

// openTable opens r as a CSV file or, when it is one, a workbook (the sheet
// named by opt.Sheet, else the first). A problem with the file as a whole
// is added to ps and reported as false.
func openTable(ps *problems, br *bufio.Reader, opt Options) (*table, bool) {
	switch sniff(br) {
	case formatXLSX:
		return openWorkbook(ps, br, opt.Sheet)
	case formatXLS:
		ps.add(0, "", "", "an Excel 97-2003 .xls workbook: save it as .xlsx (Excel 工作簿) or CSV and read that")
		return nil, false
	case formatGeoJSON:
		ps.add(0, "", "", "GeoJSON where a table was expected")
		return nil, false
	}
	return openCSV(ps, br)
}

// openCSV reads CSV in UTF-8 (with or without a byte-order mark) or
// GB18030, separated by commas, semicolons or tabs, whichever the header uses.
func openCSV(ps *problems, br *bufio.Reader) (*table, bool) {
	head, _ := br.Peek(64 << 10)
	dec := &cellDecoder{}
	if bytes.HasPrefix(head, []byte(bom)) {
		br.Discard(len(bom))
		head = head[len(bom):]
		dec.enc = encUTF8
	} else {
		dec.enc = guessEncoding(head)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.Comma = separator(head)
	t := &table{text: dec.text, decimalComma: cr.Comma == ';'}
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			ps.add(0, "", "", "the file is empty: a header row is needed")
		} else {
			ps.add(0, "", "", "row 1 (the header) is unreadable: %v", err)
		}
		return nil, false
	}
	t.row = 1
	for i, h := range header {
		s, ok := dec.text(h)
		if !ok {
			ps.add(0, "", "", "row 1 (the header), column %d: bytes that are neither UTF-8 nor GB18030", i+1)
			return nil, false
		}
		header[i] = s
	}
	t.header = header
	// Rows count as a spreadsheet shows the file: blank lines, which the
	// CSV reader skips, are rows too; line breaks inside quotes are not.
	nextLine := 1 + lineBreaks(header)
	t.next = func() ([]string, error) {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rec, err
		}
		t.row++
		if err == nil && len(rec) > 0 {
			line, _ := cr.FieldPos(0)
			t.row += max(0, line-nextLine-1)
			nextLine = line + lineBreaks(rec)
		}
		return rec, err
	}
	return t, true
}

// lineBreaks counts the line breaks inside a record's quoted fields.
func lineBreaks(rec []string) int {
	n := 0
	for _, f := range rec {
		n += strings.Count(f, "\n")
	}
	return n
}

// separator is the one of ',', ';' and tab the first line uses most
// (outside quotes); ',' when none.
func separator(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
		}
		if c == '\n' && !quoted {
			break
		}
		if !quoted && (c == ',' || c == ';' || c == '\t') {
			counts[c]++
		}
	}
	best := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

// Text encodings of a CSV file.
const (
	encUnknown = iota // only ASCII seen so far
	encUTF8
	encGB18030
)

// guessEncoding looks at the start of a file: valid UTF-8 (some of it
// beyond ASCII), or bytes that are mostly not UTF-8 and so GB18030.
func guessEncoding(head []byte) int {
	good, bad := 0, 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			if len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:]) {
				i = len(head) // cut at the end of the peek
				continue
			}
			bad++
		case n > 1:
			good++
		}
		i += n
	}
	switch {
	case bad > good:
		return encGB18030
	case good > 0:
		return encUTF8
	}
	return encUnknown
}

// cellDecoder turns CSV cells into UTF-8 text. A file that was plain ASCII
// at its start is decided by the first cell beyond ASCII.
type cellDecoder struct{ enc int }

func (d *cellDecoder) text(s string) (string, bool) {
	if d.enc == encGB18030 {
		return fromGB18030(s)
	}
	if utf8.ValidString(s) {
		if d.enc == encUnknown && !isASCII(s) {
			d.enc = encUTF8
		}
		return s, true
	}
	if d.enc == encUnknown {
		if t, ok := fromGB18030(s); ok {
			d.enc = encGB18030
			return t, true
		}
	}
	return "", false
}

func fromGB18030(s string) (string, bool) {
	if isASCII(s) {
		return s, true
	}
	t, err := simplifiedchinese.GB18030.NewDecoder().String(s)
	if err != nil || strings.ContainsRune(t, utf8.RuneError) {
		return "", false
	}
	return t, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// openWorkbook reads the sheet of an .xlsx workbook row by row.
func openWorkbook(ps *problems, r io.Reader, sheet string) (*table, bool) {
	b, err := io.ReadAll(r)
	if err != nil {
		ps.add(0, "", "", "reading the workbook: %v", err)
		return nil, false
	}
	// A workbook's parts unzip to far less than a hundred times its size;
	// a header claiming more is damage, and excelize would allocate it.
	limit := min(max(int64(len(b))*100, 16<<20), 16<<30)
	wb, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: min(limit, 16<<20)})
	if err != nil {
		ps.add(0, "", "", "not a readable .xlsx workbook: %v", err)
		return nil, false
	}
	release := func() { wb.Close() }
	sheets := wb.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			release()
			ps.add(0, "", "", "the workbook has no sheet")
			return nil, false
		}
		sheet = sheets[0]
	} else if idx, _ := wb.GetSheetIndex(sheet); idx < 0 {
		release()
		ps.add(0, "", "", "the workbook has no sheet %q (it has %s)", sheet, quoteList(sheets))
		return nil, false
	}
	rows, err := wb.Rows(sheet)
	if err != nil {
		release()
		ps.add(0, "", "", "sheet %q: %v", sheet, err)
		return nil, false
	}
	t := &table{text: func(s string) (string, bool) { return s, true }, workbook: true,
		close: func() { rows.Close(); release() }}
	t.next = func() ([]string, error) {
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				return nil, err
			}
			return nil, io.EOF
		}
		t.row++
		if t.row > excelize.TotalRows {
			return nil, fmt.Errorf("sheet %q goes on past row %d, the last a workbook has", sheet, excelize.TotalRows)
		}
		return rows.Columns(excelize.Options{RawCellValue: true})
	}
	header, err := t.next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			ps.add(0, "", "", "sheet %q is empty: a header row is needed", sheet)
		} else {
			ps.add(0, "", "", "sheet %q: row 1 (the header): %v", sheet, err)
		}
		t.Close()
		return nil, false
	}
	t.header = header
	return t, true
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
