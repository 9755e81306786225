module github.com/gemrush/gemrush

go 1.26.8
