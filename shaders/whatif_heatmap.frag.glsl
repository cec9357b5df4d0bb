#version 300 es
// What-if surface: leads needed over two rates (a small grid, bilinearly filtered) as a colour
// ramp on a log scale, with an anti-aliased contour where the leads equal the plan's goal.
precision highp float;
in vec2 v_uv;
out vec4 frag_colour;
uniform sampler2D u_grid;    // R16F: log(leads) normalised to [0, 1] (0 = fewest leads)
uniform float u_goal;        // the goal level on the same scale
uniform vec2 u_texel_half;   // half a texel: sample between texel centres only

vec3 Ramp(float t) {
  // Fewer leads needed = better = cool blue; more = warm red. Readable on a projector.
  vec3 good = vec3(0.16, 0.42, 0.85);
  vec3 mid = vec3(0.97, 0.85, 0.38);
  vec3 bad = vec3(0.84, 0.29, 0.22);
  return t < 0.5 ? mix(good, mid, t * 2.0) : mix(mid, bad, (t - 0.5) * 2.0);
}

void main() {
  // v_uv.y = 0 is the bottom of the rect: the lowest rate of the y step.
  vec2 uv = u_texel_half + v_uv * (1.0 - 2.0 * u_texel_half);
  float t = texture(u_grid, uv).r;
  vec3 colour = Ramp(clamp(t, 0.0, 1.0));
  // Contour: distance to the goal level in screen pixels (fwidth), a 1.5 px dark line.
  float d = abs(t - u_goal) / max(fwidth(t), 1e-6);
  float line = 1.0 - smoothstep(0.75, 1.75, d);
  frag_colour = vec4(mix(colour, vec3(0.08, 0.08, 0.12), line), 1.0);
}
