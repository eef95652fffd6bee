package io.segmenta.transactions.synthetic;

import java.math.BigDecimal;

/**
 * Price bands of the synthetic catalogue (GBP per unit). Behaviours differ in which bands they buy from, so basket
 * value separates them even when their basket sizes overlap.
 */
public enum PriceTier {
    BUDGET(new BigDecimal("0.19"), new BigDecimal("1.25"), 300),
    STANDARD(new BigDecimal("1.45"), new BigDecimal("4.95"), 300),
    PREMIUM(new BigDecimal("7.95"), new BigDecimal("39.95"), 150);

    private final BigDecimal lowest;
    private final BigDecimal highest;
    private final int products;

    PriceTier(BigDecimal lowest, BigDecimal highest, int products) {
        this.lowest = lowest;
        this.highest = highest;
        this.products = products;
    }

    public BigDecimal lowest() {
        return lowest;
    }

    public BigDecimal highest() {
        return highest;
    }

    /** How many products of this tier the catalogue holds. */
    public int products() {
        return products;
    }
}
