/** Sample names, cities and zones for generated contacts. */
export const FIRST_NAMES = ['Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon', 'Louis', 'Emma', 'Gabriel', 'Jade', 'Arthur', 'Alice', 'Jules', 'Inès', 'Adam', 'Sarah', 'Noah', 'Camille', 'Paul', 'Zoé', 'Nathan', 'Olivia', 'Liam', 'Mia', 'Ethan', 'Sofia', 'Mateo', 'Ava', 'Leo', 'Nina', 'Omar', 'Yuki', 'Ravi', 'Amara', 'Diego', 'Hana', 'Kofi'];
export const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'Smith', 'Johnson', 'Brown', 'Nguyen', 'Kim', 'Patel', 'Okafor', 'Rossi', 'Müller', 'Silva', 'Tanaka'];
export const PLACES: { city: string; zone: string; country: string }[] = [
	{ city: 'Paris', zone: 'Europe/Paris', country: 'FR' },
	{ city: 'Lyon', zone: 'Europe/Paris', country: 'FR' },
	{ city: 'Montréal', zone: 'America/Toronto', country: 'CA' },
	{ city: 'New York', zone: 'America/New_York', country: 'US' },
	{ city: 'San Francisco', zone: 'America/Los_Angeles', country: 'US' },
	{ city: 'London', zone: 'Europe/London', country: 'GB' },
	{ city: 'Berlin', zone: 'Europe/Berlin', country: 'DE' },
	{ city: 'Tokyo', zone: 'Asia/Tokyo', country: 'JP' },
	{ city: 'Mumbai', zone: 'Asia/Kolkata', country: 'IN' },
	{ city: 'Sydney', zone: 'Australia/Sydney', country: 'AU' }
];

/** ASCII slug of a name for generated email addresses. */
export function slug(s: string): string {
	return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}
