/**
 * Class strings shared by several components (internal: not a package export).
 * Keeping them in one place is what makes the kit one visual language.
 */

/** Keyboard focus ring for buttons, triggers and other clickable things. */
export const focusRing = "outline-none focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary-500";

/** Text-like form controls: input, textarea, native select, select trigger. */
export const controlBase =
  "w-full min-w-0 rounded-md border border-slate-300 bg-white text-base text-slate-900 shadow-xs outline-hidden transition-[color,border-color,box-shadow] placeholder:text-slate-400 hover:border-slate-400 focus-visible:border-primary-500 focus-visible:ring-3 focus-visible:ring-primary-500/20 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:border-red-500 aria-invalid:focus-visible:ring-red-500/20 sm:text-sm";

/** Floating surfaces: dropdown menus, select lists, popovers. */
export const floatingSurface =
  "z-50 rounded-md border border-slate-200 bg-white text-slate-900 shadow-lg outline-hidden data-[state=open]:animate-pop-in data-[state=closed]:animate-pop-out motion-reduce:animate-none";

/** A row inside a menu or a select list. */
export const menuItem =
  "relative flex cursor-default select-none items-center gap-2 rounded-sm px-2 py-1.5 text-sm text-slate-700 outline-hidden data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900 data-[disabled]:pointer-events-none data-[disabled]:opacity-50 [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4";
