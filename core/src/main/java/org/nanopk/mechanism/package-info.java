/**
 * Nanoparticle building blocks that add compartments, transfers and named parameters (with units,
 * defaults and their sources) to a {@link org.nanopk.Model.Builder}: {@link org.nanopk.mechanism.Circulation},
 * {@link org.nanopk.mechanism.Epr}, {@link org.nanopk.mechanism.Phagocytes},
 * {@link org.nanopk.mechanism.Renal}, {@link org.nanopk.mechanism.EndosomalEscape}, mouse
 * {@link org.nanopk.mechanism.Physiology}, and published models as {@link org.nanopk.mechanism.Presets}.
 */
package org.nanopk.mechanism;
