package sim

// What players choose, limited the same way on the host (which enforces it) and in the
// window (which never lets a person type more). The wire could carry more.
const (
	MaxNameRunes = 16  // characters in a player's name
	MaxChatRunes = 160 // characters in one chat line
	Colours      = 8   // player colours, by index; the palette itself is the window's
)
