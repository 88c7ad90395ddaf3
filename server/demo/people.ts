import type { Faker } from '@faker-js/faker';

/** A mobile number as China's carriers issue them. */
export function phoneNumber(faker: Faker): string {
  return `1${faker.helpers.arrayElement(['33', '35', '37', '38', '39', '50', '58', '77', '80', '86', '89'])}${faker.string.numeric(8)}`;
}

/** A Chinese name, family name first. */
export function personName(faker: Faker): string {
  return faker.person.lastName() + faker.person.firstName();
}
