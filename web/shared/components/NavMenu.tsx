import { NavLink } from 'react-router';

export interface NavMenuLink {
  to: string;
  label: string;
  /** Marks the link current only on its own path, not below it (the area's start page). */
  end: boolean;
}

/** An area's menu: a labelled navigation landmark; the current page gets aria-current="page" from NavLink. */
export function NavMenu({
  label,
  className,
  links,
}: {
  label: string;
  className: string;
  links: NavMenuLink[];
}) {
  return (
    <nav className={className} aria-label={label}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
