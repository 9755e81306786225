package game

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// The round shapes of the arena — discs, rings, gems, the pointer over your disc —
// are drawn once, anti-aliased, into small white images, and stamped from them each
// frame, scaled and tinted. A shape filled straight onto the screen is queued as a
// path and drawn (stencil passes and all) the moment text is drawn after it, so a
// frame that mixes shapes and names costs many draws where stamps cost one batch:
// under software rendering that was the difference between 30 frames a second and
// 10 in a game's first seconds.

// spriteR is the radius the shapes are drawn at: large enough to scale down cleanly.
const spriteR = 32

var sprites struct {
	disc, ring, gem, pointer *ebiten.Image
}

// sprite draws a shape into a white image of side size, once.
func sprite(img **ebiten.Image, size int, draw func(dst *ebiten.Image, c float32)) *ebiten.Image {
	if *img == nil {
		*img = ebiten.NewImage(size, size)
		draw(*img, float32(size)/2)
	}
	return *img
}

func discSprite() *ebiten.Image {
	return sprite(&sprites.disc, 2*spriteR+4, func(dst *ebiten.Image, c float32) {
		vector.FillCircle(dst, c, c, spriteR, color.White, true)
	})
}

// ringWidth is the ring sprite's stroke at spriteR.
const ringWidth = 3

func ringSprite() *ebiten.Image {
	return sprite(&sprites.ring, 2*spriteR+8, func(dst *ebiten.Image, c float32) {
		vector.StrokeCircle(dst, c, c, spriteR, ringWidth, color.White, true)
	})
}

// gemSprite is a diamond spriteR wide each side of its centre and 1.3 times as tall.
func gemSprite() *ebiten.Image {
	return sprite(&sprites.gem, 2*spriteR*13/10+4, func(dst *ebiten.Image, c float32) {
		var p vector.Path
		p.MoveTo(c, c-spriteR*1.3)
		p.LineTo(c+spriteR, c)
		p.LineTo(c, c+spriteR*1.3)
		p.LineTo(c-spriteR, c)
		p.Close()
		vector.FillPath(dst, &p, nil, &vector.DrawPathOptions{AntiAlias: true})
	})
}

// pointerSprite is a downward triangle spriteR wide, its tip at the bottom centre.
func pointerSprite() *ebiten.Image {
	return sprite(&sprites.pointer, 2*spriteR+4, func(dst *ebiten.Image, c float32) {
		var p vector.Path
		p.MoveTo(c, c+spriteR*0.7)
		p.LineTo(c-spriteR, c-spriteR*0.7)
		p.LineTo(c+spriteR, c-spriteR*0.7)
		p.Close()
		vector.FillPath(dst, &p, nil, &vector.DrawPathOptions{AntiAlias: true})
	})
}

// stamp draws img centred on x, y at scale, tinted clr.
func stamp(dst, img *ebiten.Image, x, y, scale float32, clr color.Color) {
	if scale <= 0 {
		return
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	op := &ebiten.DrawImageOptions{Filter: ebiten.FilterLinear}
	op.GeoM.Translate(-float64(w)/2, -float64(h)/2)
	op.GeoM.Scale(float64(scale), float64(scale))
	op.GeoM.Translate(float64(x), float64(y))
	op.ColorScale.ScaleWithColor(clr)
	dst.DrawImage(img, op)
}

// fillDisc is a filled circle of radius r at x, y.
func fillDisc(dst *ebiten.Image, x, y, r float32, clr color.Color) {
	stamp(dst, discSprite(), x, y, r/spriteR, clr)
}

// strokeRing is a ring of radius r at x, y; its line is ringWidth at spriteR and
// scales with the ring.
func strokeRing(dst *ebiten.Image, x, y, r float32, clr color.Color) {
	stamp(dst, ringSprite(), x, y, r/spriteR, clr)
}
