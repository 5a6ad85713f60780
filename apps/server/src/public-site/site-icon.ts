/**
 * Accord's icon: a tick on a blue square, as SVG (one small text file, sharp at every size). Served at
 * /favicon.svg, which the pages name, and at /favicon.ico, which browsers and crawlers ask for without
 * being told; every current browser shows an SVG icon whatever its address.
 */
export const siteIconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img" aria-label="Accord">
<rect width="32" height="32" rx="6" fill="#0b57a4"/>
<path d="M8 16.5l5.5 5.5L24 10.5" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
